/** WeChat scrolls pages natively and has no keyboard focus to give them. */
export function useKeyboardScroll(): void {}
