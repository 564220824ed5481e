import Taro from '@tarojs/taro';

/**
 * A mini-program cannot drop a file in "Downloads": it writes to its own user-data folder and lets
 * the user send the file to a chat (e.g. 文件传输助手), from where it opens on a phone or a PC.
 */
export async function saveTextFile(fileName: string, content: string, mimeType: string): Promise<'saved' | 'shared'> {
  const bom = mimeType.startsWith('text/csv') ? '\uFEFF' : '';
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, bom + content, 'utf8');
  await Taro.shareFileMessage({ filePath, fileName });
  return 'shared';
}
