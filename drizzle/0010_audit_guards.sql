-- Custom SQL migration file, put your code below! --
-- The audit log's guards for a server that runs under a role which does not own these tables
-- (README "Database roles"): such a role may append, but cannot disable the triggers below,
-- drop them or replace their functions (only the owner can).
--
-- 1. An entry is appended only right after the head: its id is the head's next and its
--    prev_hash the head's hash.
CREATE OR REPLACE FUNCTION audit_log_follow_head() RETURNS trigger AS $$
DECLARE
  head audit_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_head WHERE id = 1;
  IF NOT FOUND OR NEW.id <> head.last_id + 1 OR NEW.prev_hash <> head.last_hash THEN
    RAISE EXCEPTION 'audit_log: entry % does not follow the chain head (entry %)', NEW.id, head.last_id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_follow_head BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_follow_head();
--> statement-breakpoint
-- 2. The head moves only forward, one entry at a time, onto the entry just appended after it;
--    it is never inserted again, deleted or truncated.
CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger AS $$
DECLARE
  entry audit_log%ROWTYPE;
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_head: % refused (the chain head only moves forward)', TG_OP;
  END IF;
  IF NEW.id <> OLD.id OR NEW.last_id <> OLD.last_id + 1 THEN
    RAISE EXCEPTION 'audit_head moves one entry forward at a time: % to % refused', OLD.last_id, NEW.last_id;
  END IF;
  SELECT * INTO entry FROM audit_log WHERE id = NEW.last_id;
  IF NOT FOUND OR entry.hash <> NEW.last_hash OR entry.prev_hash <> OLD.last_hash THEN
    RAISE EXCEPTION 'audit_head must name the entry appended right after it (entry %)', NEW.last_id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_head_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only();
--> statement-breakpoint
-- 3. The published daily heads are append-only, and each one is a head of the chain as stored.
CREATE OR REPLACE FUNCTION audit_daily_heads_check() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'audit_daily_heads is append-only: % refused', TG_OP;
  END IF;
  IF NOT ((NEW.entry_count = 0 AND NEW.hash = repeat('0', 64))
      OR EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.entry_count AND hash = NEW.hash)) THEN
    RAISE EXCEPTION 'audit_daily_heads: % entries ending in % is not a head of the chain', NEW.entry_count, NEW.hash;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_daily_heads_check BEFORE INSERT OR UPDATE OR DELETE ON audit_daily_heads
  FOR EACH ROW EXECUTE FUNCTION audit_daily_heads_check();
--> statement-breakpoint
CREATE TRIGGER audit_daily_heads_no_truncate BEFORE TRUNCATE ON audit_daily_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_daily_heads_check();
