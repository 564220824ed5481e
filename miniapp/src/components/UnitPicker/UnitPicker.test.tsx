import { fireEvent, render, screen } from '@testing-library/react';
import { UnitPicker } from './index';

const units = [
  { unitId: 'u502', label: '3栋502', floor: 5 },
  { unitId: 'u1001', label: '3栋1001', floor: 10 },
  { unitId: 'u510', label: '3栋510', floor: 5 },
  { unitId: 'u501', label: '3栋501', floor: 5 },
];

describe('<UnitPicker>', () => {
  it('groups units by floor, top floor first, doors in natural order, without the building name', () => {
    render(<UnitPicker units={units} buildingName="3栋" onChange={() => {}} />);
    // 10 层: 1001; 5 层: 501 502 510 (natural order, not 510 before 502 as entered).
    expect(screen.getByTestId('unit-picker').textContent).toBe('10 层1001' + '5 层501502510');
  });

  it('reports the unit tapped', () => {
    const onChange = jest.fn();
    render(<UnitPicker units={units} buildingName="3栋" onChange={onChange} />);
    fireEvent.click(screen.getByText('510'));
    expect(onChange).toHaveBeenCalledWith('u510');
  });
});
