public class DictGen { public static void main(String[] a) throws Exception { new java.io.File(a[1]).mkdirs(); } }
