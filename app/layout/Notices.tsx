import { useAppStore } from '../state/useAppStore';

/** The store's notices (bad links, storage problems), each dismissible. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <p key={n.id} className={`notice notice-${n.tone}`} data-testid="notice">
          {n.text}{' '}
          <button type="button" className="link-button" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
