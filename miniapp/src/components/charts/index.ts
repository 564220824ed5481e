export { BarChart, type BarChartProps } from './BarChart';
export { ColumnChart, type ColumnChartProps } from './ColumnChart';
export { StackedBar, type StackedBarProps } from './StackedBar';
export { ProgressBar, type ProgressBarProps } from './ProgressBar';
export { StatTiles, type StatTile } from './StatTiles';
export { PALETTE, colorAt, percentText, scaleMax, share, type ChartDatum, type ValueFormat } from './scale';
