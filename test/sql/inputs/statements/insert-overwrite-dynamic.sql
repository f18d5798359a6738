--SET spark.sql.sources.partitionOverwriteMode=dynamic
-- INSERT OVERWRITE in dynamic partition overwrite mode: only the partitions written are replaced
CREATE TABLE dp (v STRING, p INT) USING parquet PARTITIONED BY (p);
INSERT INTO dp VALUES ('a', 1), ('b', 2), ('c', 3);
INSERT OVERWRITE TABLE dp PARTITION (p) VALUES ('z', 2);
SELECT * FROM dp ORDER BY p, v;
INSERT OVERWRITE TABLE dp VALUES ('y', 3), ('x', 4);
SELECT * FROM dp ORDER BY p, v;
INSERT OVERWRITE TABLE dp PARTITION (p = 1) VALUES ('w');
SELECT * FROM dp ORDER BY p, v;
SHOW PARTITIONS dp;
CREATE TABLE dp2 (v INT, a STRING, b STRING) USING parquet PARTITIONED BY (a, b);
INSERT INTO dp2 VALUES (1, 'x', 'u'), (2, 'x', 'v'), (3, 'y', 'u');
INSERT OVERWRITE TABLE dp2 PARTITION (a = 'x', b) VALUES (9, 'v');
SELECT * FROM dp2 ORDER BY v;
