import { Button } from '@tarojs/components';

/**
 * In WeChat the agree button must be `open-type="agreePrivacyAuthorization"`: tapping it also records
 * consent with WeChat, which then lets privacy-relevant APIs (file choosing, clipboard) run.
 */
export function AgreeButton({ onAgree, busy }: { onAgree(): void; busy: boolean }) {
  return (
    <Button
      id="agree-privacy"
      className={`action-button action-button--primary action-button--normal action-button--block${busy ? ' action-button--disabled' : ''}`}
      openType="agreePrivacyAuthorization"
      onAgreePrivacyAuthorization={onAgree}
      loading={busy}
      disabled={busy}
      data-testid="privacy-accept"
    >
      同意并继续
    </Button>
  );
}
