// Tasks feature: time-boxed tasks inside an incident, each a check-back clock.
export { TasksPanel } from './TasksPanel';
export { completeTask, createTask } from './commands';
export { TASK_PREFIX, parseTask } from './parse-task';
