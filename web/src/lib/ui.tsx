import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { LANGUAGE_NAMES, LANGUAGES, type Language, type Translate, translator } from './i18n';

export interface I18n {
  lang: Language;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en') });
export const useI18n = () => useContext(I18nContext);

const LANG_STORAGE_KEY = 'sp_lang';

export function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLanguage(lang: Language) {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Sets <html lang> so screen readers pronounce the page in the shown language. */
export function useDocumentLanguage(lang: Language, title: string) {
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang;
    document.title = title;
  }, [lang, title]);
}

export function LanguageSwitch({ value, onChange }: { value: Language; onChange: (lang: Language) => void }) {
  const { t } = useI18n();
  return (
    <label class="lang-switch">
      <span>{t('lang.label')}</span>
      <select
        id="language"
        value={value}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as Language)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A modal <dialog>: focus is trapped by the browser, Escape closes it. */
export function Modal({
  open,
  title,
  onClose,
  children,
  id,
}: {
  open: boolean;
  title: string;
  onClose?: () => void;
  children: ComponentChildren;
  id: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      id={id}
      class="modal"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        if (!onClose) e.preventDefault();
        else onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {open && children}
    </dialog>
  );
}

export function Notice({ kind, children }: { kind: 'error' | 'info' | 'success'; children: ComponentChildren }) {
  return (
    <p class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
