import { ActionButton } from '@/components/ActionButton/ActionButton';

export function AgreeButton({ onAgree, busy }: { onAgree(): void; busy: boolean }) {
  return (
    <ActionButton block loading={busy} onClick={onAgree} testId="privacy-accept">
      同意并继续
    </ActionButton>
  );
}
