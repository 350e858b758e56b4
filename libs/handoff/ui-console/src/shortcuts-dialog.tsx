import { useRef } from 'preact/hooks';
import { useModalDialog } from './components';
import type { TextKey, Translate } from './lib/i18n';
import { SHORTCUT_LIST } from './lib/shortcuts';

/** The "Keyboard shortcuts" dialog (opened with ? or the header button): the list, and the switch for single-key shortcuts. */
export function ShortcutsDialog({ open, t, enabled, onToggle, onClose }: { open: boolean; t: Translate; enabled: boolean; onToggle: (on: boolean) => void; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const ref = useModalDialog(open, closeRef);
  return (
    <dialog
      ref={ref}
      class="dialog dialog-wide"
      aria-labelledby="shortcuts-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <p>{t('shortcuts.intro')}</p>
      <div class="field field-check">
        <input id="shortcuts-enabled" type="checkbox" checked={enabled} onChange={(e) => onToggle((e.currentTarget as HTMLInputElement).checked)} />
        <label for="shortcuts-enabled">{t('shortcuts.enabled')}</label>
      </div>
      <table class="table shortcuts-table">
        <caption class="visually-hidden">{t('shortcuts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_LIST.map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                {shortcut.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 ? ` ${t('shortcuts.then')} ` : ''}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(shortcut.action as TextKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="dialog-actions">
        <button type="button" class="button button-primary" ref={closeRef} onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
