// Tasks feature: time-boxed tasks inside an incident, each a check-back clock.
export { TasksPanel } from './TasksPanel';
export { OpenTasksNotice, openTasksAfterResolve } from './OpenTasksNotice';
export { completeTask, createTask } from './commands';
export { TASK_PREFIX, parseTask } from './parse-task';
