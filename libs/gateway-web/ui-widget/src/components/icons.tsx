import type { JSX } from 'preact';

/** Decorative icons: every one sits beside a text that says the same, so they are hidden from assistive technology. */
function Icon({ children, size = 18 }: { children: JSX.Element | JSX.Element[]; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      {children}
    </svg>
  );
}

export const ChatIcon = () => (
  <Icon size={22}>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12z" />
  </Icon>
);

/** The AI badge: a small robot head. */
export const AiIcon = () => (
  <Icon size={16}>
    <rect x="4" y="8" width="16" height="12" rx="3" />
    <path d="M12 4v4M9 13h.01M15 13h.01M9 17h6" />
  </Icon>
);

export const PersonIcon = () => (
  <Icon size={16}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21a8 8 0 0 1 16 0" />
  </Icon>
);

export const InfoIcon = () => (
  <Icon size={16}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v6M12 7.5h.01" />
  </Icon>
);

export const WarningIcon = () => (
  <Icon size={16}>
    <path d="M12 3 2 20h20L12 3z" />
    <path d="M12 10v4M12 17h.01" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon size={16}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Icon>
);

export const FlagIcon = () => (
  <Icon size={16}>
    <path d="M5 21V4M5 4h11l-2 4 2 4H5" />
  </Icon>
);

export const SendIcon = () => (
  <Icon size={16}>
    <path d="M4 12 20 4l-4 16-4-7-8-1z" />
  </Icon>
);
