-- DESCRIBE [EXTENDED] t PARTITION (...)
CREATE TABLE dpt (a INT, p STRING, q INT) USING parquet PARTITIONED BY (p, q);
INSERT INTO dpt VALUES (1, 'x', 1), (2, 'y', 2);
DESCRIBE dpt PARTITION (p = 'x', q = 1);
DESCRIBE EXTENDED dpt PARTITION (p = 'x', q = 1);
DESCRIBE dpt PARTITION (p = 'z', q = 1);
CREATE TABLE dplain (a INT) USING parquet;
DESCRIBE dplain PARTITION (a = 1);
