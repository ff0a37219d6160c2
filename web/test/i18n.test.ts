import { describe, expect, it } from 'vitest';
import { chooseLanguage, dictionaries, LANGUAGES, translator } from '../src/lib/i18n';

describe('i18n dictionaries', () => {
  const reference = Object.keys(dictionaries.en).sort();

  it.each(LANGUAGES)('%s has exactly the same keys as en', (lang) => {
    expect(Object.keys(dictionaries[lang]).sort()).toEqual(reference);
  });

  it.each(LANGUAGES)('%s has no empty strings and keeps every placeholder', (lang) => {
    for (const key of reference) {
      const text = dictionaries[lang][key as keyof (typeof dictionaries)['en']];
      expect(text.trim(), `${lang}:${key}`).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), `${lang}:${key}`).toEqual(placeholders(dictionaries.en[key as keyof (typeof dictionaries)['en']]));
    }
  });

  it('nl and zh are translated, not copies of en', () => {
    const same = (lang: 'nl' | 'zh') =>
      reference.filter((k) => dictionaries[lang][k as keyof (typeof dictionaries)['en']] === dictionaries.en[k as keyof (typeof dictionaries)['en']]);
    // Brand names and a few international words may coincide; most must differ.
    expect(same('nl').length).toBeLessThan(reference.length / 10);
    expect(same('zh').length).toBeLessThan(5);
  });
});

describe('translator', () => {
  it('fills placeholders', () => {
    expect(translator('en')('queue.count', { count: 5000 })).toBe('5000 tickets');
    expect(translator('zh')('queue.count', { count: 3 })).toBe('3 个工单');
  });
  it('leaves unknown placeholders visible', () => {
    expect(translator('en')('sla.dueIn')).toBe('due in {time}');
  });
});

describe('chooseLanguage', () => {
  it('prefers the explicit switch, then the profile, then the browser', () => {
    expect(chooseLanguage('zh', 'nl', ['en-GB'])).toBe('zh');
    expect(chooseLanguage(null, 'nl', ['en-GB'])).toBe('nl');
    expect(chooseLanguage(null, null, ['fr-FR', 'zh-Hans-CN'])).toBe('zh');
    expect(chooseLanguage(undefined, undefined, 'nl-BE')).toBe('nl');
  });
  it('falls back to English', () => {
    expect(chooseLanguage('xx', 'de', ['fr'])).toBe('en');
    expect(chooseLanguage(null, null, undefined)).toBe('en');
  });
});
