// The subscriber pages, plain HTML without script (opened from an email on a phone): what happened after "Subscribe",
// the confirm and unsubscribe forms (a link preview or a mail scanner opening the link changes nothing; the button
// does), and the refusals saying what to do instead. The same look as the acknowledge pages (paging/ack-html.ts).
import { ACK_STYLE } from '../paging/ack-html';
import { escapeHtml as esc } from '../public/escape';

export const SUBSCRIBER_STYLE = ACK_STYLE;

function page(title: string, body: string, statusUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${SUBSCRIBER_STYLE}</style></head><body><main>${body}<p class="note"><a href="${esc(statusUrl)}">Back to the status page</a></p></main></body></html>`;
}

export const checkInboxPage = (statusUrl: string) => page('Check your inbox', `<h1>Check your inbox</h1>
<p>If the address can receive email, a confirmation link is on its way. Updates start once you confirm; the link works once, for 48 hours.</p>
<p class="note">Nothing arrived? Check the spam folder, or subscribe again in 10 minutes.</p>`, statusUrl);

export const confirmFormPage = (action: string, statusUrl: string) => page('Confirm your subscription', `<h1>Confirm your subscription</h1>
<form method="post" action="${esc(action)}"><button type="submit">Confirm subscription</button></form>`, statusUrl);

export const subscribedPage = (unsubscribeUrl: string, statusUrl: string) => page('Subscribed', `<h1>Subscribed</h1>
<p>You will receive an email with every update about the components you chose. Every email has a one-click unsubscribe link.</p>
<p class="note"><a href="${esc(unsubscribeUrl)}">Unsubscribe</a></p>`, statusUrl);

export const unsubscribeFormPage = (action: string, statusUrl: string) => page('Unsubscribe', `<h1>Unsubscribe</h1>
<form method="post" action="${esc(action)}"><button type="submit">Unsubscribe</button></form>
<p class="note">Your address is deleted; no further updates are sent to it.</p>`, statusUrl);

export const unsubscribedPage = (statusUrl: string) => page('Unsubscribed', `<h1>Unsubscribed</h1>
<p>Your address is deleted. You will receive no further updates.</p>`, statusUrl);

/**
 * An unsubscribe link whose subscription is gone (unsubscribed, or deleted by an admin). Nothing is known of the
 * address any more, so the page cannot say whether it subscribed again since: a newer subscription has its own link.
 */
export const alreadyUnsubscribedPage = (statusUrl: string) => page('Already unsubscribed', `<h1>Already unsubscribed</h1>
<p>The subscription this link belongs to has ended and its address is deleted. This link cannot subscribe anyone again.</p>
<p class="note">Still receiving updates? The address was subscribed again later: use the unsubscribe link in the latest email.</p>`, statusUrl);

export const refusedSubscriberPage = (heading: string, text: string, statusUrl: string) => page(heading, `<h1>${esc(heading)}</h1><p>${esc(text)}</p>`, statusUrl);
