-- 06: watching the tree. So far every row sits in the memtable (and the write-ahead log);
-- SYS.LEVELS shows no files. FLUSH writes the memtable as a level-0 SSTable; COMPACT(0)
-- merges level 0 into level 1, dropping overwritten versions and tombstones.
-- (Sizes and file numbers vary from run to run; the expected output masks them with {*}.)

SELECT LEVEL, FILES FROM SYS.LEVELS WHERE LEVEL <= 1;

CALL SYS.FLUSH();
SELECT LEVEL, FILES FROM SYS.LEVELS WHERE LEVEL <= 1;
SELECT LEVEL, ENTRIES, SMALLEST_KEY_TEXT, LARGEST_KEY_TEXT FROM SYS.SSTABLES;

-- More writes, another flush: level 0 now holds two overlapping files.
UPDATE CUSTOMERS SET TIER = 'GOLD' WHERE CUSTOMER_ID BETWEEN 1 AND 20;
CALL SYS.FLUSH();
SELECT LEVEL, FILES FROM SYS.LEVELS WHERE LEVEL <= 1;

CALL SYS.COMPACT(0);
SELECT LEVEL, FILES FROM SYS.LEVELS WHERE LEVEL <= 1;
SELECT KIND, INPUT_LEVEL, OUTPUT_LEVEL, INPUT_FILES, REASON FROM SYS.COMPACTIONS;
SELECT LEVEL, FILE, SIZE_BYTES, ENTRIES FROM SYS.SSTABLES;
SELECT NAME, "VALUE" FROM SYS.METRICS WHERE NAME IN ('flush_count', 'compaction_count', 'live_sstables') ORDER BY NAME;

-- The data reads the same from the new files.
SELECT COUNT(*) AS GOLD FROM CUSTOMERS WHERE TIER = 'GOLD';
