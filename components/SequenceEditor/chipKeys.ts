/** What a key pressed on a token chip asks for, independent of the DOM. */
export type ChipIntent =
  | 'previous'
  | 'next'
  | 'first'
  | 'last'
  | 'moveLeft'
  | 'moveRight'
  | 'deleteForward'
  | 'deleteBackward'
  | 'edit';

/**
 * ←/→ and Home/End move focus between chips; Alt+←/→ move the chip itself (the keyboard twin of dragging);
 * Delete removes the chip and focuses the next one, Backspace the previous; Enter or F2 edits it.
 */
export function chipIntent(
  key: string,
  { altKey = false, ctrlKey = false, metaKey = false } = {},
): ChipIntent | null {
  if (ctrlKey || metaKey) return null;
  if (altKey) return key === 'ArrowLeft' ? 'moveLeft' : key === 'ArrowRight' ? 'moveRight' : null;
  switch (key) {
    case 'ArrowLeft':
      return 'previous';
    case 'ArrowRight':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Delete':
      return 'deleteForward';
    case 'Backspace':
      return 'deleteBackward';
    case 'Enter':
    case 'F2':
      return 'edit';
    default:
      return null;
  }
}
