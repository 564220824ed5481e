import Taro from '@tarojs/taro';

/** The tokens of a signed-in session, kept in Taro storage across launches. */
export interface StoredTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

const KEY = 'linli.session';

export interface TokenStore {
  read(): StoredTokens | undefined;
  write(tokens: StoredTokens): void;
  clear(): void;
}

export const storageTokens: TokenStore = {
  read() {
    const value = Taro.getStorageSync(KEY) as StoredTokens | '' | undefined;
    return value && typeof value === 'object' && value.accessToken ? value : undefined;
  },
  write(tokens) {
    Taro.setStorageSync(KEY, {
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshToken: tokens.refreshToken,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    });
  },
  clear() {
    Taro.removeStorageSync(KEY);
  },
};
