package io.github.parallellocate.spark;

import java.io.Serializable;

/**
 * One frame of a movie on a Hadoop file system: a page of a file.
 *
 * @param file the file's fully qualified URI ({@code hdfs://nn:8020/data/movie.tif})
 * @param page 0-based page within the file (0 for single-image formats)
 * @param tiff whether the file is a TIFF (by its signature): read page by page with positioned reads
 */
record MovieFrame(String file, int page, boolean tiff) implements Serializable {}
