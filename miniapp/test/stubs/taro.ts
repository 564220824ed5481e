/**
 * A small, inspectable stand-in for @tarojs/taro in jest: storage is an in-memory map, network and
 * navigation are jest mocks a test can script (`Taro.request.mockImplementation(...)`) and assert on.
 */
import { useEffect } from 'react';

const storage = new Map<string, unknown>();
let routerParams: Record<string, string> = {};

const ok = () => Promise.resolve({ errMsg: 'ok' });

const Taro = {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  request: jest.fn((_opts: unknown): Promise<any> => Promise.reject(new Error('request:fail no network in tests'))),
  uploadFile: jest.fn((): Promise<any> => Promise.reject(new Error('uploadFile:fail no network in tests'))),
  downloadFile: jest.fn((): Promise<any> => Promise.reject(new Error('downloadFile:fail'))),
  login: jest.fn(() => Promise.resolve({ code: 'test-code', errMsg: 'login:ok' })),
  navigateTo: jest.fn(ok),
  redirectTo: jest.fn(ok),
  reLaunch: jest.fn(ok),
  switchTab: jest.fn(ok),
  navigateBack: jest.fn(ok),
  showToast: jest.fn(ok),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  showLoading: jest.fn(ok),
  hideLoading: jest.fn(ok),
  setClipboardData: jest.fn(ok),
  makePhoneCall: jest.fn(ok),
  stopPullDownRefresh: jest.fn(),
  setNavigationBarTitle: jest.fn(ok),
  setTabBarBadge: jest.fn(ok),
  removeTabBarBadge: jest.fn(ok),
  requestSubscribeMessage: jest.fn(() => Promise.reject(new Error('requestSubscribeMessage:fail not in jest'))),
  exitMiniProgram: jest.fn(ok),
  scanCode: jest.fn(() => Promise.reject(new Error('scanCode:fail cancel'))),
  chooseMessageFile: jest.fn(() => Promise.reject(new Error('chooseMessageFile:fail cancel'))),
  chooseMedia: jest.fn(() => Promise.reject(new Error('chooseMedia:fail cancel'))),
  previewImage: jest.fn(ok),
  openDocument: jest.fn(ok),
  shareFileMessage: jest.fn(ok),
  getFileSystemManager: jest.fn(() => ({ writeFileSync: jest.fn() })),
  env: { USER_DATA_PATH: 'wxfile://usr' },
  pxTransform: (size: number) => `${size / 2}px`,
  getCurrentInstance: jest.fn(() => ({ router: { params: routerParams } })),
  useRouter: () => ({ params: routerParams }),
  useDidShow: (cb: () => void) => {
    // Pages refresh on show; in tests "show" is the first mount.
    useEffect(() => cb(), []); // eslint-disable-line react-hooks/exhaustive-deps
  },
  useDidHide: () => undefined,
  usePullDownRefresh: () => undefined,
  useReachBottom: () => undefined,
  useShareAppMessage: () => undefined,

  /** Test helpers (not part of Taro). */
  __storage: storage,
  __setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  __reset() {
    storage.clear();
    routerParams = {};
  },
};

export default Taro;
export const {
  useRouter,
  useDidShow,
  useDidHide,
  usePullDownRefresh,
  useReachBottom,
  useShareAppMessage,
  getCurrentInstance,
} = Taro;
