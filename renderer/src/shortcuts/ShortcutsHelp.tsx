import { Fragment } from 'react';
import { Dialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from './shortcuts';

const KEY_WORDS = ['Ctrl', 'Alt', 'Enter', 'Esc', 'Home', 'End', 'C'] as const;
type KeyWord = (typeof KEY_WORDS)[number];
const isKeyWord = (k: string): k is KeyWord => (KEY_WORDS as readonly string[]).includes(k);

/** The `?` overlay: every shortcut, grouped by where it works. */
export function ShortcutsHelp({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content shortcuts-help">
          <Dialog.Title>{t('shortcuts.title')}</Dialog.Title>
          <Dialog.Description className="muted">{t('shortcuts.description')}</Dialog.Description>
          {SHORTCUTS.map((group) => (
            <section key={group.group} className="shortcuts-group">
              <h3>{t(`shortcuts.group.${group.group}`)}</h3>
              <dl>
                {group.items.map((s) => (
                  <Fragment key={s.action}>
                    <dt>
                      {s.keys.map((k, i) => (
                        <Fragment key={k}>
                          {i > 0 ? ' ' : null}
                          <kbd>{isKeyWord(k) ? t(`shortcuts.key.${k}`) : k}</kbd>
                        </Fragment>
                      ))}
                    </dt>
                    <dd>{t(`shortcuts.action.${s.action}`)}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          ))}
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="primary">
                {t('shortcuts.close')}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
