CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`course_id` text NOT NULL,
	`cohort_id` text,
	`locale` text NOT NULL,
	`status_index` integer NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`state_changed_at` text,
	`state_reason` text,
	`state_changed_by` text,
	`issued_at` text NOT NULL,
	`issued_by` text,
	`issue_reason` text,
	`document` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`state_changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_user_course_unique` ON `credentials` (`user_id`,`course_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_status_index_unique` ON `credentials` (`status_index`);--> statement-breakpoint
CREATE INDEX `credentials_cohort_idx` ON `credentials` (`cohort_id`);--> statement-breakpoint
CREATE TABLE `status_lists` (
	`purpose` text PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `programs` ADD `attendance_percent` integer DEFAULT 75 NOT NULL;