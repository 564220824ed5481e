import * as z from 'zod/mini';
import { installChineseMessages } from '@linli/shared';
import { listenForPrivacyAuthorization } from './session/privacyBridge';

// WeChat forbids eval/new Function: zod must not compile its fast paths.
z.config({ jitless: true });
// Client-side validation speaks the same Chinese as the server.
installChineseMessages();
listenForPrivacyAuthorization();
