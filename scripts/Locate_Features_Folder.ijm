// Locate features in every TIFF of a folder: one trackpy-compatible CSV per
// image (<name>.csv) and a summary (summary.csv: image, planes, features).
//
// Fiji: open it in the script editor and Run (the #@ lines ask for the
// folders), or headless:
//   ImageJ-linux64 --headless --console --run Locate_Features_Folder.ijm \
//     'input="/data/in",output="/data/out",options="diameter=11 minmass=20 invert"'
// Plain ImageJ 1.x has no script parameters (it would show a dialog for the
// #@ lines): replace them by assignments, e.g.
//   input = "/data/in"; output = "/data/out"; options = "diameter=11 minmass=20 invert";
// and run  java -jar ij.jar -ijpath DIR -batch my_copy.ijm
#@ File (label = "Input folder", style = "directory") input
#@ File (label = "Output folder", style = "directory") output
#@ String (label = "Locate Features options", value = "diameter=11 minmass=20 invert") options

if (input == "" || output == "")
	exit("Locate_Features_Folder: give the input and output folders");

setBatchMode(true);
files = getFileList(input);
summary = "image,planes,features\n";
for (i = 0; i < files.length; i++) {
	name = files[i];
	lower = toLowerCase(name);
	if (!endsWith(lower, ".tif") && !endsWith(lower, ".tiff"))
		continue;
	open(input + File.separator + name);
	csv = output + File.separator + File.getNameWithoutExtension(name) + ".csv";
	run("Locate Features...", options + " csv=[" + csv + "] results overlay=false");
	summary = summary + name + "," + nSlices + "," + nResults + "\n";
	close();
}
File.saveString(summary, output + File.separator + "summary.csv");
print("Locate_Features_Folder: done, " + output + File.separator + "summary.csv");
