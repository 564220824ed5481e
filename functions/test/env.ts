// Environment every backend test starts from: the local stage with its dev conveniences, and a
// table name unique to the test file (set before any module reads it; see useTestTable).
process.env.STAGE ??= 'local';
process.env.AWS_REGION ??= 'cn-north-1';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.JWT_SECRET ??= 'test-only-jwt-secret-0123456789abcdef';
process.env.WECHAT_SECRET ??= 'local-dev-secret';
process.env.BALLOT_SECRET ??= 'test-only-ballot-secret-0123456789abcdef';
process.env.WECHAT_APPID ??= 'wx-linli-local';
process.env.MEDIA_BUCKET ??= 'linli-media-test';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';
process.env.TABLE_NAME ??= `linli-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
