import Taro from '@tarojs/taro';

/** Leaves the mini-program (a resident who declined the privacy guideline). */
export async function exitApp(_inBrowser: () => Promise<void>): Promise<void> {
  await Taro.exitMiniProgram();
}
