import { describe, it, expect } from 'vitest';
import { defaultPlan } from './default-plan';
describe('tmp', () => { it('loads', () => { expect(defaultPlan.severities).toHaveLength(4); }); });
