ALTER TABLE `match_runs` ADD `batch_id` text;--> statement-breakpoint
CREATE INDEX `match_runs_batch_idx` ON `match_runs` (`batch_id`);