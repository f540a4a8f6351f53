// Outbound feature: sending an update through the server (the composer's send options) and where each went.
export { DeliveryStatus } from './DeliveryStatus';
export { SendOptions } from './SendOptions';
export { type SendChoice, buildRequest, defaultStatusPage } from './send-choice';
export { useDeliveries, useUnsentIds } from './useDeliveries';
