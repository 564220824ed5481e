/**
 * UnitPicker — the units of one building to choose from, by floor: residents pick the home they bind
 * (申请绑定房屋), staff the unit an invitation is for. Main package: used by both.
 */
import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { naturalCompare } from '@/lib/format';
import type { UnitOption, UnitPickerProps } from './types';
import './UnitPicker.scss';

export type { UnitOption, UnitPickerProps } from './types';

/** Units of one building grouped by floor, top floor first, doors in order; labels drop the building name. */
export function UnitPicker({ units, buildingName, value, onChange }: UnitPickerProps) {
  const floors = useMemo(() => {
    const byFloor = new Map<number, UnitOption[]>();
    for (const u of units) byFloor.set(u.floor, [...(byFloor.get(u.floor) ?? []), u]);
    return [...byFloor.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([floor, list]) => ({ floor, list: list.sort((a, b) => naturalCompare(a.label, b.label)) }));
  }, [units]);
  const short = (label: string) =>
    label.startsWith(buildingName) && label.length > buildingName.length ? label.slice(buildingName.length) : label;
  return (
    <View data-testid="unit-picker">
      {floors.map(({ floor, list }) => (
        <View key={floor} className="unit-picker__floor">
          <Text className="unit-picker__floor-label">{floor} 层</Text>
          <ChoiceList
            options={list.map((u) => ({ value: u.unitId, label: short(u.label) }))}
            value={value}
            onChange={onChange}
            testId="unit"
            label={`${floor} 层`}
          />
        </View>
      ))}
    </View>
  );
}
