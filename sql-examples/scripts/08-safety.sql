-- 08: what SQL cannot do. Functions backed by Java classes could run any code on the machine
-- that holds the database, so DDL naming a Java class is refused, embedded and over the server.

CREATE FUNCTION SHELL AS 'java.lang.Runtime';
SELECT COUNT(*) AS PRODUCTS FROM PRODUCTS;
