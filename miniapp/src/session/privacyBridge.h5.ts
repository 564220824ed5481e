/** The browser has no WeChat privacy gate; our own guideline page is the only one. */
export function listenForPrivacyAuthorization(): void {}

export function answerPrivacyAuthorization(_agreed: boolean, _buttonId?: string): void {}
