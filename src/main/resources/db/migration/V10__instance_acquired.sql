-- When each image was acquired, as the object states it (Acquisition DateTime, else Acquisition
-- or Content Date and Time; with its UTC offset, else the archive's time zone). Null when the
-- object states none: the rules then order a study's images by receipt.
ALTER TABLE instance ADD COLUMN acquired_at TIMESTAMP WITH TIME ZONE;
-- Whether acquired_at has been read from the object. The index sets it with every new object;
-- objects stored before this migration are read again by the archive in the background
-- (AcquisitionBackfill), which sets it whatever it finds.
ALTER TABLE instance ADD COLUMN acquired_checked BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE instance SET acquired_checked = FALSE;
