import Taro from '@tarojs/taro';

/** A phone cannot print: the committee prints from the browser console (H5). */
export function printPage(): void {
  void Taro.showToast({ title: '请在电脑端管理台打印', icon: 'none' });
}

export const CAN_PRINT = false;
