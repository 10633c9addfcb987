-- 07: the catalog. Tables, columns, keys and indexes are SYS tables any client can query,
-- and what BI tools read through JDBC's DatabaseMetaData (sqlline's !primarykeys, !indexes and
-- !columns call it).

SELECT TABLE_NAME, COLUMN_COUNT FROM SYS.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME;
SELECT TABLE_NAME, COLUMN_NAME, KEY_SEQ FROM SYS.PRIMARY_KEYS ORDER BY TABLE_NAME, KEY_SEQ;
SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM SYS.COLUMNS WHERE TABLE_NAME = 'ORDER_LINES' ORDER BY ORDINAL_POSITION;
!primarykeys ORDER_LINES
!indexes ORDERS

-- The options the database runs with; the compaction style can be switched while it runs.
-- (VALUE is a reserved word in SQL, hence the quotes.)
SELECT NAME, "VALUE" FROM SYS.OPTIONS WHERE NAME IN ('compactionStyle', 'level0CompactionTrigger', 'writeBufferSize') ORDER BY NAME;
CALL SYS.SET_COMPACTION('TIERED');
SELECT NAME, "VALUE" FROM SYS.OPTIONS WHERE NAME = 'compactionStyle';
CALL SYS.SET_COMPACTION('LEVELED');
