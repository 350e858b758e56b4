import type { ComponentChildren, JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Route } from './lib/routes';
import { routePath } from './lib/routes';

/** The view's one h1; it takes focus when the view opens, so a screen reader hears where it is. */
export function ViewHeading({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // Before the browser paints the new view: a key pressed at once must not land on <body>.
  useLayoutEffect(() => {
    document.title = `${title} – Pegamento`;
    ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} class="view-heading">
      {children}
    </h1>
  );
}

/** An in-app link: a real link (open in a new tab works), navigating without a reload on a plain click. */
export function Link({
  to,
  navigate,
  children,
  ...rest
}: { to: Route; navigate: (route: Route) => void; children: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return (
    <a
      {...rest}
      href={routePath(to)}
      onClick={(event: MouseEvent) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** The AI mark: an icon and the words, never colour alone (R03, R25). */
export function AiBadge({ label }: { label: string }) {
  return (
    <span class="badge badge-ai">
      <svg class="badge-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M8 1l1.6 4.4L14 7l-4.4 1.6L8 13l-1.6-4.4L2 7l4.4-1.6z" fill="currentColor" />
      </svg>
      {label}
    </span>
  );
}

/**
 * A native modal <dialog> driven by `open`: shown with showModal (focus trapped inside,
 * Esc cancels), focus put on `initialFocus`, and given back to the element that had it
 * when the dialog opened. Done before paint, so a key pressed at once reaches the dialog.
 */
export function useModalDialog(open: boolean, initialFocus: { current: HTMLElement | null }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      initialFocus.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    if (!open && opener.current instanceof HTMLElement && opener.current.isConnected) {
      opener.current.focus();
      opener.current = null;
    }
  }, [open]);
  return ref;
}

/**
 * A modal confirmation (native <dialog>: focus stays inside, Esc cancels). Focus starts on
 * "cancel" and returns to what opened it when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  id,
}: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  id: string;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ref = useModalDialog(open, cancelRef);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-text`}>{text}</p>
      <div class="dialog-actions">
        <button type="button" class="button button-secondary" ref={cancelRef} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" class="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** A short "Loading…" that screen readers hear only as part of the view. */
export function Loading({ text }: { text: string }) {
  return <p class="muted">{text}</p>;
}
