// Observable signals a commander can report when classifying; the plan's severity rules refer to them by id.

export const SIGNAL_IDS = [
  'serviceDownMinutes',
  'responseTimeSeconds',
  'errorRatePercent',
  'performanceDegradationPercent',
  'confirmedDataBreach',
  'databaseCorruption',
  'paymentProcessingFailure',
  'authenticationFailure',
  'emailDeliveryFailure',
  'featureBroken',
  'cosmeticOnly',
  'documentationError',
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

export interface SignalDefinition {
  id: SignalId;
  label: string;
  kind: 'number' | 'boolean' | 'choice';
  unit?: string;
  choices?: readonly string[];
}

export const SIGNALS: readonly SignalDefinition[] = [
  { id: 'serviceDownMinutes', label: 'Platform fully down for (minutes)', kind: 'number', unit: 'min' },
  { id: 'responseTimeSeconds', label: 'Response time (seconds)', kind: 'number', unit: 's' },
  { id: 'errorRatePercent', label: 'Error rate (%)', kind: 'number', unit: '%' },
  { id: 'performanceDegradationPercent', label: 'Performance degradation (%)', kind: 'number', unit: '%' },
  { id: 'confirmedDataBreach', label: 'Data breach confirmed', kind: 'boolean' },
  { id: 'databaseCorruption', label: 'Database corruption', kind: 'boolean' },
  { id: 'paymentProcessingFailure', label: 'Payment processing failing', kind: 'boolean' },
  { id: 'authenticationFailure', label: 'Authentication system failing', kind: 'boolean' },
  { id: 'emailDeliveryFailure', label: 'Email delivery failing', kind: 'boolean' },
  { id: 'featureBroken', label: 'A feature is broken', kind: 'choice', choices: ['none', 'single', 'completely'] },
  { id: 'cosmeticOnly', label: 'Cosmetic issue only', kind: 'boolean' },
  { id: 'documentationError', label: 'Documentation error', kind: 'boolean' },
];

export type Signals = Partial<Record<SignalId, number | boolean | string>>;
