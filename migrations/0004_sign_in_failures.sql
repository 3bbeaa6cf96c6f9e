CREATE TABLE `sign_in_failures` (
	`account` text NOT NULL,
	`address` text NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	`locked_until` text,
	PRIMARY KEY(`account`, `address`)
);
