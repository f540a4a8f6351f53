// Work that must follow a local write but not hold up whoever awaits it (telling the views and the other tabs):
// run in a task of its own, right after the current one. A MessageChannel message, not a timer: timers are throttled
// in a hidden or minimised window (to once a second and less), messages are not.
type Job = () => void;

let queue: Job[] = [];
let port: MessagePort | null = null;

function runQueued(): void {
  const jobs = queue;
  queue = [];
  for (const job of jobs) {
    try {
      job();
    } catch (error) {
      // One job's failure must not stop the others (each tells a different listener).
      console.error('deferred job failed', error);
    }
  }
}

/** Run `job` in the next task (jobs queued in the same task run together, in order). */
export function afterThisTask(job: Job): void {
  queue.push(job);
  if (queue.length > 1) return;
  if (!port) {
    const channel = new MessageChannel();
    channel.port1.onmessage = runQueued;
    port = channel.port2;
    // Node (tests): an open port would keep the process alive.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  port.postMessage(null);
}
