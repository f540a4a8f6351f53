// Outbound feature: sending an update through the server (the composer's send options, chat destinations),
// where each went, and the pages of a role with their acknowledgement.
export { DeliveryStatus } from './DeliveryStatus';
export { SendOptions } from './SendOptions';
export { PageStatusList } from './PageStatus';
export { type SendChoice, allowedOnly, buildRequest, defaultStatusPage, noSend, sentVia } from './send-choice';
export { COMPONENT_WORDS, STATUS_WORDS, outgoing, publicWords, type ComposeContext, type OutgoingMessage, type Recipient } from './outgoing';
export { useOutboundChannels } from './useChannels';
export { useDeliveries, usePages, useUnsentIds } from './useDeliveries';
export { useSubscriberCount } from './useSubscriberCount';
