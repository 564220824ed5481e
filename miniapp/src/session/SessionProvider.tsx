import Taro from '@tarojs/taro';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type PropsWithChildren,
} from 'react';
import { PRIVACY_GUIDELINE, type MeView, type Role, type SessionView, identityApi } from '@linli/shared';
import { apiClient, ApiFailure, call } from '@/api';
import { sessionLost, sessionRefreshed } from '@/api/sessionEvents';
import { storageTokens } from '@/api/tokens';
import { communitiesOf, pickCommunity, rolesInCommunity, type CommunityChoice } from './community';
import { ROUTES } from '@/routes';
import { relaunchOnce } from '@/lib/navigation';
import { largeTextFromSystem } from './largeTextDefault';
import { systemFontScale } from './systemFontScale';

export type SessionStatus = 'loading' | 'signedOut' | 'signedIn' | 'error';

export interface SessionValue {
  status: SessionStatus;
  me?: MeView;
  error?: ApiFailure;
  /** The community the app is showing; residents rarely have more than one. */
  communityId?: string;
  communityName?: string;
  communities: CommunityChoice[];
  setCommunity(communityId: string): void;
  /** Roles held in the current community. */
  roles: Role[];
  hasRole(...roles: Role[]): boolean;
  /** Large-text mode (大字模式), applied by every page's root before `me` has even loaded. */
  largeText: boolean;
  /** Applied at once; saved to the account now, or at sign-in when chosen before it. */
  setLargeText(on: boolean): Promise<void>;
  /**
   * On first launch, until the person answers: whether 大字模式 was turned on because their WeChat font is large
   * (`system`) or is only offered (`offer`). The sign-in and home pages show the question (LargeTextPrompt).
   */
  largeTextPrompt?: 'system' | 'offer';
  answerLargeTextPrompt(on: boolean): Promise<void>;
  /** Starts a session from a sign-in answer. */
  establish(session: SessionView): void;
  refreshMe(): Promise<MeView | undefined>;
  setMe(me: MeView): void;
  acceptPrivacy(): Promise<void>;
  /** Ends the session on the server (best effort) and locally, then shows the sign-in page. */
  signOut(options?: { navigate?: boolean }): Promise<void>;
  /** Clears local state after the account was deleted. */
  forget(): void;
  retry(): void;
}

const LARGE_TEXT_KEY = 'linli.largeText';
/** Set once the first-launch question about 大字模式 was answered. */
const LARGE_TEXT_ASKED_KEY = 'linli.largeTextAsked';
const COMMUNITY_KEY = 'linli.community';

const SessionContext = createContext<SessionValue | null>(null);

function readStored<T>(key: string): T | undefined {
  const v = Taro.getStorageSync(key) as T | '';
  return v === '' || v === null ? undefined : v;
}

export function SessionProvider({ children }: PropsWithChildren) {
  const [status, setStatus] = useState<SessionStatus>(() => (storageTokens.read() ? 'loading' : 'signedOut'));
  const [me, setMeState] = useState<MeView>();
  const [error, setError] = useState<ApiFailure>();
  const [communityId, setCommunityId] = useState<string | undefined>(() => readStored<string>(COMMUNITY_KEY));
  // First launch on this device: nothing stored yet, so 大字模式 follows WeChat's font setting, and the account takes
  // that value at sign-in (pendingLargeText) unless the person chooses otherwise first.
  const [firstLaunch] = useState(() => readStored<boolean>(LARGE_TEXT_KEY) === undefined);
  const [largeText, setLargeTextState] = useState<boolean>(() =>
    firstLaunch ? largeTextFromSystem(systemFontScale()) : readStored<boolean>(LARGE_TEXT_KEY) === true,
  );
  const pendingLargeText = useRef<boolean | undefined>(firstLaunch && largeText ? true : undefined);
  const [largeTextPrompt, setLargeTextPrompt] = useState<SessionValue['largeTextPrompt']>(() =>
    readStored<boolean>(LARGE_TEXT_ASKED_KEY) ? undefined : largeText ? 'system' : 'offer',
  );
  const [names, setNames] = useState<Record<string, string>>({});
  const attempt = useRef(0);

  const setMe = useCallback((next: MeView) => {
    const pending = pendingLargeText.current;
    pendingLargeText.current = undefined;
    if (pending !== undefined && pending !== next.largeText) {
      // Chosen (or taken from WeChat's font) before the account was known: the account follows.
      next = { ...next, largeText: pending };
      call(identityApi.updateMe, { body: { largeText: pending } }).catch(() => undefined);
    }
    setMeState(next);
    setLargeTextState(next.largeText);
    Taro.setStorageSync(LARGE_TEXT_KEY, next.largeText);
    setCommunityId((current) => pickCommunity(next, current));
    setStatus('signedIn');
    setError(undefined);
  }, []);

  const load = useCallback(async () => {
    if (!storageTokens.read()) {
      setStatus('signedOut');
      return;
    }
    const mine = ++attempt.current;
    setStatus('loading');
    try {
      const next = await call(identityApi.getMe);
      if (mine === attempt.current) setMe(next);
    } catch (e) {
      if (mine !== attempt.current) return;
      if (e instanceof ApiFailure && e.status === 401) setStatus('signedOut');
      else {
        setError(e instanceof ApiFailure ? e : ApiFailure.network());
        setStatus('error');
      }
    }
  }, [setMe]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const offRefreshed = sessionRefreshed.subscribe((session) => setMe(session.me));
    const offLost = sessionLost.subscribe(() => {
      setMeState(undefined);
      setStatus('signedOut');
      relaunchOnce(ROUTES.signIn);
    });
    return () => {
      offRefreshed();
      offLost();
    };
  }, [setMe]);

  useEffect(() => {
    if (communityId) Taro.setStorageSync(COMMUNITY_KEY, communityId);
  }, [communityId]);

  const communities = useMemo(
    () => (me ? communitiesOf(me).map((c) => ({ ...c, name: c.name ?? names[c.communityId] })) : []),
    [me, names],
  );

  // Communities known only from a role grant have no name in `me`; the directory names them.
  useEffect(() => {
    if (status !== 'signedIn' || !communities.some((c) => !c.name)) return;
    call(identityApi.listCommunities)
      .then((res) => setNames(Object.fromEntries(res.items.map((c) => [c.communityId, c.name]))))
      .catch(() => undefined);
  }, [status, communities]);

  const roles = useMemo(() => rolesInCommunity(me, communityId), [me, communityId]);

  const value = useMemo<SessionValue>(() => {
    const setLargeText = async (on: boolean) => {
      const before = largeText;
      // Applied at once; the server copy follows (and is rolled back if it refuses).
      setLargeTextState(on);
      Taro.setStorageSync(LARGE_TEXT_KEY, on);
      if (status !== 'signedIn') {
        pendingLargeText.current = on;
        return;
      }
      try {
        setMe(await call(identityApi.updateMe, { body: { largeText: on } }));
      } catch (e) {
        setLargeTextState(before);
        Taro.setStorageSync(LARGE_TEXT_KEY, before);
        throw e;
      }
    };
    return {
      status,
      me,
      error,
      communityId,
      communityName: communities.find((c) => c.communityId === communityId)?.name,
      communities,
      setCommunity: (id) => setCommunityId(id),
      roles,
      hasRole: (...wanted) => roles.some((r) => wanted.includes(r)),
      largeText,
      setLargeText,
      largeTextPrompt,
      async answerLargeTextPrompt(on) {
        Taro.setStorageSync(LARGE_TEXT_ASKED_KEY, true);
        setLargeTextPrompt(undefined);
        if (on !== largeText) await setLargeText(on);
      },
      establish(session) {
        storageTokens.write(session);
        attempt.current++;
        setMe(session.me);
      },
      async refreshMe() {
        try {
          const next = await call(identityApi.getMe);
          setMe(next);
          return next;
        } catch {
          return undefined;
        }
      },
      setMe,
      async acceptPrivacy() {
        setMe(
          await call(identityApi.acceptPrivacy, {
            body: { version: me?.privacy.currentVersion ?? PRIVACY_GUIDELINE.version },
          }),
        );
      },
      async signOut(options) {
        const stored = storageTokens.read();
        if (stored) {
          await apiClient
            .call(identityApi.signOut, { body: { refreshToken: stored.refreshToken } })
            .catch(() => undefined);
        }
        storageTokens.clear();
        attempt.current++;
        setMeState(undefined);
        setStatus('signedOut');
        if (options?.navigate !== false) await Taro.reLaunch({ url: ROUTES.signIn });
      },
      forget() {
        storageTokens.clear();
        Taro.removeStorageSync(COMMUNITY_KEY);
        attempt.current++;
        setMeState(undefined);
        setStatus('signedOut');
      },
      retry: () => void load(),
    };
  }, [status, me, error, communityId, communities, roles, largeText, largeTextPrompt, setMe, load]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}

/** For tests and stories: provide a ready-made session value. */
export const SessionContextProvider = SessionContext.Provider;
