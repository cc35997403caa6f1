import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from './intl.js';

describe('Intl formatters', () => {
  it('builds one formatter per locale and options, and reuses it', () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
    assert.equal(dateTimeFormat('sv', options), dateTimeFormat('sv', { ...options }));
    assert.notEqual(dateTimeFormat('sv', options), dateTimeFormat('de', options));
    assert.notEqual(dateTimeFormat('sv', options), dateTimeFormat('sv', { dateStyle: 'short' }));
    assert.equal(relativeTimeFormat('fr', { numeric: 'auto' }).format(-1, 'day'), 'hier');
    assert.equal(numberFormat('de').format(1234.5), '1.234,5');
  });

  it('refuses a malformed locale on every call, as Intl does', () => {
    assert.throws(() => numberFormat('not a locale!'), RangeError);
    assert.throws(() => numberFormat('not a locale!'), RangeError);
  });
});
