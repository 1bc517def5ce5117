-- HQ's store. Portable SQL: the same script runs on PostgreSQL 15 and on H2 (MODE=PostgreSQL).

-- One row per outlet that has sent a stored closing: where its chain of closings stands.
CREATE TABLE outlets (
  id            VARCHAR(63)              NOT NULL PRIMARY KEY,
  last_sequence BIGINT                   NOT NULL,
  last_digest   CHAR(64)                 NOT NULL,
  last_seen     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Signed receipts, kept so that one can be sent again after a crash and shown to an auditor.
CREATE TABLE receipts (
  id         VARCHAR(36)              NOT NULL PRIMARY KEY,
  outlet_id  VARCHAR(63)              NOT NULL,
  signed     BYTEA                    NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX receipts_unsent ON receipts (sent_at);

-- Stored closings; the message id is kept for ever so that a replay is recognised.
-- day_slot is 'original' for a day's first closing and the message id for an amendment, so that
-- the unique constraint allows one original per outlet and day (a portable partial index).
-- receipt_state: PENDING (a STORED entry to send), DUPLICATE (a DUPLICATE entry to send),
-- RECEIPTED (answered).
CREATE TABLE closings (
  message_id      VARCHAR(36)              NOT NULL PRIMARY KEY,
  outlet_id       VARCHAR(63)              NOT NULL REFERENCES outlets (id),
  business_date   DATE                     NOT NULL,
  sequence        BIGINT                   NOT NULL,
  previous_digest CHAR(64),
  amends          VARCHAR(36)              REFERENCES closings (message_id),
  day_slot        VARCHAR(36)              NOT NULL,
  currency        CHAR(3)                  NOT NULL,
  total           BIGINT                   NOT NULL,
  content_digest  CHAR(64)                 NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  evidence        BYTEA                    NOT NULL,
  receipt_state   VARCHAR(16)              NOT NULL,
  CONSTRAINT closings_one_per_day UNIQUE (outlet_id, business_date, day_slot)
);

CREATE INDEX closings_receipt_state ON closings (receipt_state);
CREATE INDEX closings_outlet_sequence ON closings (outlet_id, sequence);
CREATE INDEX closings_business_date ON closings (business_date);

CREATE TABLE closing_lines (
  message_id VARCHAR(36)  NOT NULL REFERENCES closings (message_id),
  line_no    INTEGER      NOT NULL,
  sku        VARCHAR(64)  NOT NULL,
  name       VARCHAR(500) NOT NULL,
  quantity   BIGINT       NOT NULL,
  unit_price BIGINT       NOT NULL,
  amount     BIGINT       NOT NULL,
  PRIMARY KEY (message_id, line_no)
);

-- Verified closings that broke a business rule (a second original for a day, an amendment of
-- nothing): nothing of their sales is kept, only what the REJECTED receipt entry names (reason is
-- the short code the outlet sees; detail is for HQ's operators).
CREATE TABLE rejected_closings (
  message_id     VARCHAR(36)              NOT NULL PRIMARY KEY,
  outlet_id      VARCHAR(63)              NOT NULL,
  business_date  DATE                     NOT NULL,
  sequence       BIGINT                   NOT NULL,
  content_digest CHAR(64)                 NOT NULL,
  reason         VARCHAR(48)              NOT NULL,
  detail         VARCHAR(500)             NOT NULL,
  received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  receipt_state  VARCHAR(16)              NOT NULL
);

CREATE INDEX rejected_closings_receipt_state ON rejected_closings (receipt_state);

-- Which closings each receipt answered, and how.
CREATE TABLE receipt_entries (
  receipt_id VARCHAR(36) NOT NULL REFERENCES receipts (id),
  message_id VARCHAR(36) NOT NULL,
  outcome    VARCHAR(16) NOT NULL,
  PRIMARY KEY (receipt_id, message_id)
);

CREATE INDEX receipt_entries_message ON receipt_entries (message_id);

-- Menus as HQ signed them, one row per version; the highest version is current.
CREATE TABLE menus (
  version      BIGINT                   NOT NULL PRIMARY KEY,
  message_id   VARCHAR(36)              NOT NULL UNIQUE,
  signed       BYTEA                    NOT NULL,
  published_at TIMESTAMP WITH TIME ZONE NOT NULL
);
