-- 05: changing data. An UPDATE writes the new row under the same key; a DELETE writes a
-- tombstone. Old versions stay until compaction drops them (see 06). A duplicate key is refused
-- with an error, and nothing changes.

UPDATE ORDERS SET STATUS = 'DELIVERED' WHERE ORDER_ID BETWEEN 100995 AND 101000 AND STATUS = 'PAID';
SELECT ORDER_ID, STATUS FROM ORDERS WHERE ORDER_ID >= 100995;

DELETE FROM ORDER_LINES WHERE ORDER_ID = 101000 AND LINE_NO > 1;
SELECT * FROM ORDER_LINES WHERE ORDER_ID = 101000;

INSERT INTO PRODUCTS VALUES (51, 'Pocket Almanac', 'Books', 12.50);
INSERT INTO PRODUCTS VALUES (51, 'Another Almanac', 'Books', 1.00);
SELECT * FROM PRODUCTS WHERE PRODUCT_ID = 51;
