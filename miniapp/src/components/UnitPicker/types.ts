export interface UnitOption {
  unitId: string;
  label: string;
  floor: number;
}

export interface UnitPickerProps {
  units: UnitOption[];
  /** Dropped from the front of each label: 3栋501 shows as 501 under 5 层. */
  buildingName: string;
  value?: string;
  onChange(unitId: string): void;
}
