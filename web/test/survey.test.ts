import { describe, expect, it } from 'vitest';
import { safeSurveyUrl } from '../src/lib/survey';

describe('safeSurveyUrl', () => {
  const origin = 'https://support.example.com';

  it('points at the survey page of the portal origin with the same token', () => {
    expect(safeSurveyUrl('https://support.example.com/survey?token=1.2.3.abc', origin)).toBe(
      'https://support.example.com/survey?token=1.2.3.abc',
    );
    expect(safeSurveyUrl('/survey?token=1.2.3.abc', origin)).toBe('https://support.example.com/survey?token=1.2.3.abc');
    // A server configured with another public address still links to the page it serves.
    expect(safeSurveyUrl('http://127.0.0.1:8080/survey?token=1.2.3.a-b_c', origin)).toBe(
      'https://support.example.com/survey?token=1.2.3.a-b_c',
    );
  });

  it('drops missing, malformed and non-http links', () => {
    expect(safeSurveyUrl(null, origin)).toBeNull();
    expect(safeSurveyUrl(undefined, origin)).toBeNull();
    expect(safeSurveyUrl('', origin)).toBeNull();
    expect(safeSurveyUrl('javascript:alert(1)//survey?token=x', origin)).toBeNull();
    expect(safeSurveyUrl('https://support.example.com/portal?token=x', origin)).toBeNull();
    expect(safeSurveyUrl('https://support.example.com/survey', origin)).toBeNull();
    expect(safeSurveyUrl(`https://support.example.com/survey?token=${'a'.repeat(201)}`, origin)).toBeNull();
  });

  it('encodes the token so it cannot add parameters', () => {
    expect(safeSurveyUrl('https://x.example/survey?token=a%26b%3Dc', origin)).toBe(
      'https://support.example.com/survey?token=a%26b%3Dc',
    );
  });
});
