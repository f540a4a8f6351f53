// Maintenance feature (the Status page screen): planning maintenance windows the hosted status page announces, posting
// their progress, and their emails to subscribers. Its page loads on demand through page.ts; nothing else is shared yet.
export {};
