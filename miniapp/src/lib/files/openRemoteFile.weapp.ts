import Taro from '@tarojs/taro';
import { ApiFailure } from '@/api/failure';

/**
 * Downloads into the mini-program and hands the file on: .xlsx opens in WeChat's viewer (whose menu
 * can forward or save it); other types go straight to "send to chat".
 */
export async function openRemoteFile(url: string, fileName: string): Promise<void> {
  const res = await Taro.downloadFile({ url }).catch(() => {
    throw ApiFailure.network();
  });
  if (res.statusCode < 200 || res.statusCode >= 300)
    throw new ApiFailure(res.statusCode, 'DOWNLOAD_FAILED', '下载失败，导出链接可能已过期，请重新导出');
  if (fileName.toLowerCase().endsWith('.xlsx')) {
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
  } else {
    await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName });
  }
}
