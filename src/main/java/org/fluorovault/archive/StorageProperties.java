package org.fluorovault.archive;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how objects are stored.
 *
 * @param path         root of the archive (objects/, tmp/, quarantine/ below it)
 * @param minFreeSpace C-STORE is refused with A700 when less than this is free on the file system
 * @param fsync        force file contents and directory entries to disk before answering success
 * @param prepareFolders create the 65,536 folders objects/xx/yy in the background at start (once),
 *                     so that objects need not force a new folder's entry each
 */
@Validated
@ConfigurationProperties("fluorovault.storage")
public record StorageProperties(
        @NotNull @DefaultValue("./data") Path path,
        @NotNull @DefaultValue("512MB") DataSize minFreeSpace,
        @DefaultValue("true") boolean fsync,
        @DefaultValue("true") boolean prepareFolders) {}
