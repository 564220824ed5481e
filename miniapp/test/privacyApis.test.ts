import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * WeChat's 用户隐私保护指引 must name every privacy-relevant API the mini-program calls, or review rejects it (and
 * since 2023 the call itself fails until the user agreed to a guideline that names it). docs/REVIEW.md keeps that
 * list for whoever fills in the guideline; this test holds the list to the code.
 */

/** WeChat's 隐私接口 (and the two reviewers ask about), as the code spells them. */
const PRIVACY_APIS = [
  // 位置
  'getLocation',
  'getFuzzyLocation',
  'chooseLocation',
  'choosePoi',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'onLocationChange',
  'chooseAddress',
  // 照片、视频、文件、相册
  'chooseImage',
  'chooseMedia',
  'chooseVideo',
  'chooseMessageFile',
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  // 摄像头、麦克风
  'scanCode',
  'createCameraContext',
  'startRecord',
  'getRecorderManager',
  'joinVoIPChat',
  // 剪切板
  'getClipboardData',
  'setClipboardData',
  // 用户信息、手机号、运动、发票、车牌、蓝牙、WiFi、通讯录、日历
  'getUserProfile',
  'getUserInfo',
  'getWeRunData',
  'chooseInvoice',
  'chooseInvoiceTitle',
  'chooseLicensePlate',
  'openBluetoothAdapter',
  'createBLEPeripheralServer',
  'startWifi',
  'getWifiList',
  'addPhoneContact',
  'addPhoneCalendar',
  'addPhoneRepeatCalendar',
  // Not 隐私接口, but reviewers check what is sent and dialled.
  'requestSubscribeMessage',
  'makePhoneCall',
] as const;

/** Component attributes that read private data (open-type buttons, the nickname keyboard). */
const PRIVACY_ATTRIBUTES: Record<string, RegExp> = {
  'type="nickname"': /type=["']nickname["']/,
  'open-type="getPhoneNumber"': /openType=["']getPhoneNumber["']/,
  'open-type="getRealtimePhoneNumber"': /openType=["']getRealtimePhoneNumber["']/,
  'open-type="chooseAvatar"': /openType=["']chooseAvatar["']/,
  '<Camera>': /<Camera[\s>]/,
  '<LivePusher>': /<LivePusher[\s>]/,
};

const SRC = join(__dirname, '..', 'src');
const REVIEW = join(__dirname, '..', '..', 'docs', 'REVIEW.md');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** What the code calls, with the files that call it. Comments are stripped, so a mention is not a call. */
function calledInCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (api: string, file: string) => found.set(api, [...(found.get(api) ?? []), relative(SRC, file)]);
  for (const file of sources(SRC)) {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    for (const api of PRIVACY_APIS) if (new RegExp(`\\b(?:Taro|wx)\\.${api}\\b`).test(code)) note(api, file);
    for (const [name, pattern] of Object.entries(PRIVACY_ATTRIBUTES)) if (pattern.test(code)) note(name, file);
  }
  return found;
}

/** The first column of the table under "## 3. Privacy-relevant APIs", without its backticks. */
function listedInReview(): Set<string> {
  const doc = readFileSync(REVIEW, 'utf8');
  const section = doc.slice(doc.indexOf('## 3. Privacy-relevant APIs'));
  const rows = section.split('\n').filter((l) => /^\|\s*`/.test(l));
  return new Set(rows.map((l) => /^\|\s*`([^`]+)`/.exec(l)?.[1] as string));
}

describe('docs/REVIEW.md lists every privacy-relevant API the mini-program calls', () => {
  const called = calledInCode();
  const listed = listedInReview();

  it('finds the calls it should (the scan itself works)', () => {
    expect(called.get('chooseMedia')).toEqual(expect.arrayContaining([expect.stringContaining('PhotoPicker.weapp')]));
    expect(listed.size).toBeGreaterThan(3);
  });

  it('names every API the code calls', () => {
    const missing = [...called]
      .filter(([api]) => !listed.has(api))
      .map(([api, files]) => `${api} (${files.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('names no API the code no longer calls', () => {
    expect([...listed].filter((api) => !called.has(api))).toEqual([]);
  });
});
