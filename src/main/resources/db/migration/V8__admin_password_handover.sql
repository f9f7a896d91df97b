-- The temporary admin password of an open "Hand over admin credentials" task: created when its
-- assignee first opens the form, shown only to that assignee, deleted when the task ends. Not an
-- engine variable, so no engine API, history or Cockpit view can read it.
CREATE TABLE admin_password_handover (
  task_id    VARCHAR(64) PRIMARY KEY,
  password   VARCHAR(64) NOT NULL,
  created_at TIMESTAMP   NOT NULL
);
