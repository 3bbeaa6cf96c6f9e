CREATE TABLE `match_proposals` (
	`run_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`mentor_id` text,
	`slot_id` text,
	`language` text,
	`score` integer DEFAULT 0 NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`blocker` text,
	`remaining` text,
	`kept` integer DEFAULT 0 NOT NULL,
	`overridden_by` text,
	PRIMARY KEY(`run_id`, `learner_id`),
	FOREIGN KEY (`run_id`) REFERENCES `match_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`overridden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `match_proposals_mentor_idx` ON `match_proposals` (`run_id`,`mentor_id`);--> statement-breakpoint
CREATE TABLE `match_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`cohort_id` text NOT NULL,
	`mode` text NOT NULL,
	`scope` text NOT NULL,
	`status` text NOT NULL,
	`phase` text DEFAULT 'queued' NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL,
	`error` text,
	`started_by` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `match_runs_cohort_idx` ON `match_runs` (`cohort_id`,`started_at`);--> statement-breakpoint
DROP INDEX `mentor_groups_cohort_mentor_unique`;--> statement-breakpoint
ALTER TABLE `mentor_groups` ADD `slot_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_groups_cohort_mentor_slot_unique` ON `mentor_groups` (`cohort_id`,`mentor_id`,`slot_id`);--> statement-breakpoint
DROP INDEX `meetings_pattern_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_group_pattern_unique` ON `meetings` (`group_id`,`pattern_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_pattern_unique` ON `meetings` (`cohort_id`,`pattern_date`) WHERE "meetings"."group_id" IS NULL;--> statement-breakpoint
ALTER TABLE `mentor_profiles` ADD `group_slots` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `matching_rules` text DEFAULT '{}' NOT NULL;