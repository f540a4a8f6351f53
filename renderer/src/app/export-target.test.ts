// The Export PIR command opens a review only from a resolved incident's console or from the review itself.
import { describe, expect, it } from 'vitest';
import { exportTarget } from './export-target';

describe('exportTarget', () => {
  it('from the console of a resolved or closed incident', () => {
    expect(exportTarget('console', 'inc-1', null, 'resolved')).toBe('inc-1');
    expect(exportTarget('console', 'inc-1', null, 'closed')).toBe('inc-1');
  });
  it('not from the console of an active incident, nor from other pages', () => {
    expect(exportTarget('console', 'inc-1', null, 'investigating')).toBeNull();
    expect(exportTarget('incidents', 'inc-1', null, 'resolved')).toBeNull();
  });
  it('from the Reviews page when a review is open', () => {
    expect(exportTarget('reviews', null, 'inc-2', undefined)).toBe('inc-2');
    expect(exportTarget('reviews', null, null, undefined)).toBeNull();
  });
});
